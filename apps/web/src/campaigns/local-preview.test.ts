import { describe, expect, it } from 'vitest';
import { localPreview } from './local-preview';

describe('localPreview', () => {
  it('fills the name, and the fallback when there is none', () => {
    expect(localPreview('سلام {{name}}', { phone: '+989121234567', name: 'سارا' }, 0).text).toBe('سلام سارا');
    expect(localPreview('Hi {{name|customer}}', { phone: '+989121234567', name: null }, 0).text).toBe(
      'Hi customer',
    );
    expect(localPreview('Hi {{name|friend}}', null, 0).text).toBe('Hi friend');
  });

  it('reports variables nobody has, unless a column provides them', () => {
    expect(localPreview('{{city}} {{name}}', null, 0).unknownVariables).toEqual(['city']);
    expect(localPreview('{{city}}', null, 0, ['City']).unknownVariables).toEqual([]);
  });

  it('reports template mistakes with their position', () => {
    const preview = localPreview('Hello\n{{name', null, 0);
    expect(preview.problems).toHaveLength(1);
    expect(preview.problems[0]).toMatchObject({ line: 2, column: 1 });
  });

  it('picks one variant and says the message has some', () => {
    const preview = localPreview('{Hello|Hi} there', null, 0);
    expect(['Hello there', 'Hi there']).toContain(preview.text);
    expect(preview.hasVariants).toBe(true);
    expect(localPreview('{{name|x}}', null, 0).hasVariants).toBe(false);
  });

  it('names the variables a recipient leaves blank ("Hi , …"), unless they have a fallback', () => {
    const noName = { phone: '+989121234567', name: null };
    expect(localPreview('Hi {{name}}, {Hello|Hi} {{نام}}', noName, 0).blankVariables).toEqual([
      'name',
      'نام',
    ]);
    expect(localPreview('Hi {{name|friend}}', noName, 0).blankVariables).toEqual([]);
    expect(localPreview('Hi {{name}}', { ...noName, name: 'Ali' }, 0).blankVariables).toEqual([]);
    expect(localPreview('Hi {{name}}', null, 0).blankVariables).toEqual([]);
    expect(localPreview('Hi {{city}}', noName, 0).blankVariables).toEqual([]); // not known here: reported as unknown
  });
});
