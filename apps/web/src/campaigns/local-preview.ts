import {
  blankVariables,
  findUnknownVariables,
  parseTemplate,
  renderTemplate,
  templateProblemReason,
} from '@chapar/domain';
import type { PreviewProblem } from './preview-warnings';

export interface LocalPreview {
  text: string;
  unknownVariables: string[];
  problems: PreviewProblem[];
  /** Whether the message has `{a|b}` variants (which one a recipient gets may differ once sent). */
  hasVariants: boolean;
  /**
   * Variables without a fallback that are blank for this recipient ("Hi , …"), as written;
   * empty when there is no recipient yet.
   */
  blankVariables: string[];
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
  const values = { name: recipient?.name ?? null, phone: recipient?.phone ?? null };
  // Only the built-ins (name, phone) are known here: other columns come with an import.
  const blanks = recipient ? blankVariables(parsed.template, values) : [];
  return {
    text: renderTemplate(parsed.template, values, { seed }),
    unknownVariables: findUnknownVariables(message, knownVariables),
    problems: parsed.problems.map((p) => ({
      message: p.message,
      line: p.line,
      column: p.column,
      ...templateProblemReason(message, p),
    })),
    hasVariants: parsed.template.choiceCount > 0,
    blankVariables: blanks,
  };
}
