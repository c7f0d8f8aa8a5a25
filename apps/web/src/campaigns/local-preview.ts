import { findUnknownVariables, parseTemplate, renderTemplate, type TemplateNode } from '@chapar/domain';
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

/** Every `{{…}}` of the nodes, inside variants too, with its fallback. */
function variableNodes(nodes: readonly TemplateNode[]): Array<Extract<TemplateNode, { kind: 'var' }>> {
  return nodes.flatMap((node) => {
    if (node.kind === 'var') return [node];
    if (node.kind === 'choice') return node.options.flatMap(variableNodes);
    return [];
  });
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
  // A built-in variable (name, phone, their Persian spellings) without a fallback, rendered
  // alone by the same code: blank for this recipient or not. Other columns are not known here.
  const blank = (name: string) =>
    findUnknownVariables(`{{${name}}}`, []).length === 0 &&
    renderTemplate(`{{${name}}}`, values).trim() === '';
  const blankVariables = recipient
    ? [
        ...new Set(
          variableNodes(parsed.template.nodes)
            .filter((v) => v.fallback === null && blank(v.name))
            .map((v) => v.name),
        ),
      ]
    : [];
  return {
    text: renderTemplate(parsed.template, values, { seed }),
    unknownVariables: findUnknownVariables(message, knownVariables),
    problems: parsed.problems.map(({ message: m, line, column }) => ({ message: m, line, column })),
    hasVariants: parsed.template.choiceCount > 0,
    blankVariables,
  };
}
