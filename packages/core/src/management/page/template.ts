import type { ManagementPageData, PageFragments } from './data.js';
import { escapeHtml } from './html.js';

/** Renders the management page from its data; its output is sent as it is. */
export type ManagementPageRenderer = (data: ManagementPageData) => string;

type TextField = (data: ManagementPageData) => string | number;

/** Placeholders replaced by escaped text. */
const TEXT_FIELDS: Readonly<Record<string, TextField>> = {
  title: (d) => d.title,
  pageUrl: (d) => d.pageUrl,
  nonce: (d) => d.nonce,
  csrfToken: (d) => d.csrfToken,
  userCount: (d) => d.users.length,
  clientCount: (d) => d.clients.length,
  'passwordRules.text': (d) => d.passwordRules.text,
  'passwordRules.minLength': (d) => d.passwordRules.minLength,
  'passwordRules.maxBytes': (d) => d.passwordRules.maxBytes,
  'flash.kind': (d) => d.flash?.kind ?? '',
  'flash.message': (d) => d.flash?.message ?? '',
};

/** Placeholders replaced by a pre-rendered fragment, as it is (`{{html.usersTable}}`). */
const FRAGMENTS = {
  style: true,
  script: true,
  flash: true,
  usersTable: true,
  clientsTable: true,
  addUserForm: true,
  addClientForm: true,
  passwordRules: true,
} as const satisfies Record<keyof PageFragments, true>;

/** Every placeholder a template string may use. */
export const TEMPLATE_PLACEHOLDERS: readonly string[] = [
  ...Object.keys(TEXT_FIELDS),
  ...Object.keys(FRAGMENTS).map((name) => `html.${name}`),
];

const PLACEHOLDER = /\{\{\s*([A-Za-z][\w.]*)\s*\}\}/g;

function placeholderValue(name: string, data: ManagementPageData): string {
  if (name.startsWith('html.')) return data.html[name.slice(5) as keyof PageFragments];
  const field = TEXT_FIELDS[name];
  return field === undefined ? '' : escapeHtml(field(data));
}

/**
 * Compiles a template string. The language is one construct: `{{name}}` (spaces allowed inside
 * the braces) is replaced by the named value, HTML-escaped, or by a ready-made fragment for the
 * `html.*` names. Anything else is copied as it is. An unknown name is an error here, at start-up,
 * rather than a blank on the page.
 */
export function compileTemplate(source: string): ManagementPageRenderer {
  const known = new Set(TEMPLATE_PLACEHOLDERS);
  const unknown = [...source.matchAll(PLACEHOLDER)]
    .map((match) => match[1] ?? '')
    .filter((name) => !known.has(name));
  if (unknown.length > 0) {
    throw new TypeError(
      `managementTemplate: unknown placeholder(s) ${[...new Set(unknown)].map((n) => `{{${n}}}`).join(', ')}; known: ${TEMPLATE_PLACEHOLDERS.join(', ')}`,
    );
  }
  return (data) => source.replace(PLACEHOLDER, (_, name: string) => placeholderValue(name, data));
}

/** The renderer for a `managementTemplate` option: a template string, a function, or the default. */
export function pageRenderer(
  template: string | ManagementPageRenderer | undefined,
  fallback: string,
): ManagementPageRenderer {
  if (typeof template === 'function') return template;
  return compileTemplate(template ?? fallback);
}
