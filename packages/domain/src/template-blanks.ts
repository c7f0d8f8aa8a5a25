import {
  type CompiledTemplate,
  findUnknownVariables,
  renderTemplate,
  type TemplateNode,
  type TemplateValues,
} from './template';

/** Every `{{…}}` of the nodes, inside variants too, with its fallback. */
function variableNodes(nodes: readonly TemplateNode[]): Array<Extract<TemplateNode, { kind: 'var' }>> {
  return nodes.flatMap((node) => {
    if (node.kind === 'var') return [node];
    if (node.kind === 'choice') return node.options.flatMap(variableNodes);
    return [];
  });
}

/**
 * The variables without a fallback that one recipient's values leave blank ("Hi , …"), as
 * written, each once. Only known variables count (`knownKeys`: the campaign's columns; the
 * built-ins name and phone always are); unknown ones are reported on their own.
 */
export function blankVariables(
  template: CompiledTemplate,
  values: TemplateValues,
  knownKeys: Iterable<string> = [],
): string[] {
  const known = [...knownKeys];
  const blank = (name: string) =>
    findUnknownVariables(`{{${name}}}`, known).length === 0 &&
    renderTemplate(`{{${name}}}`, values).trim() === '';
  return [
    ...new Set(
      variableNodes(template.nodes)
        .filter((v) => v.fallback === null && blank(v.name))
        .map((v) => v.name),
    ),
  ];
}
