import { findUnknownVariables, parseTemplate, renderTemplate } from '@chapar/domain';
import type { PreviewProblem } from './preview-warnings';

export interface LocalPreview {
  text: string;
  unknownVariables: string[];
  problems: PreviewProblem[];
  /** Whether the message has `{a|b}` variants (which one a recipient gets may differ once sent). */
  hasVariants: boolean;
}

/**
 * The message for one recipient, rendered in the browser with the same template code the
 * server sends with. Before the campaign exists recipients have no id, so `seed` (their
 * place in the list) picks the `{a|b}` variants: the wording may differ once sent, the
 * variables do not.
 */
export function localPreview(
  message: string,
  recipient: { phone: string; name: string | null } | null,
  seed: number,
  knownVariables: readonly string[] = [],
): LocalPreview {
  const parsed = parseTemplate(message);
  return {
    text: renderTemplate(
      parsed.template,
      { name: recipient?.name ?? null, phone: recipient?.phone ?? null },
      { seed },
    ),
    unknownVariables: findUnknownVariables(message, knownVariables),
    problems: parsed.problems.map(({ message: m, line, column }) => ({ message: m, line, column })),
    hasVariants: parsed.template.choiceCount > 0,
  };
}
