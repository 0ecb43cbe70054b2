/**
 * Small Markdown helpers for the generated READMEs: tables whose cells cannot break the table.
 */
import type { ParamSpec, ParamValue } from '../../tekton/index.js';

/** A Markdown table; cells are escaped (pipes) and flattened (newlines). */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.map(cell).join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

function cell(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|').trim();
}

/** Inline code, with a fence long enough for backticks in the text. */
export function code(text: string): string {
  return text.includes('`') ? `\`\` ${text} \`\`` : `\`${text}\``;
}

/** How a param's default reads in a table: the JSON value in code, or "required". */
export function paramDefault(spec: ParamSpec): string {
  return spec.default === undefined ? 'required' : code(JSON.stringify(spec.default as ParamValue));
}

/** The param's type as Tekton resolves it. */
export function paramType(spec: ParamSpec): string {
  return spec.type ?? 'string';
}

/** A fenced code block. */
export function fence(language: string, body: string): string {
  return `\`\`\`${language}\n${body.endsWith('\n') ? body : `${body}\n`}\`\`\``;
}
