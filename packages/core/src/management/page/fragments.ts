import type { ManagementPageData, PageClient, PageFragments, PageUser } from './data.js';
import { type HtmlValue, html, SafeHtml } from './html.js';
import { PAGE_SCRIPT } from './script.js';
import { PAGE_STYLE } from './style.js';

/** The page data the fragments are made from: everything but the fragments themselves. */
export type FragmentInput = Omit<ManagementPageData, 'html'>;

/** Renders every fragment of the default page from the page data. */
export function renderFragments(data: FragmentInput): PageFragments {
  return {
    style: html`<style nonce="${data.nonce}">${new SafeHtml(PAGE_STYLE)}</style>`.value,
    script: html`<script nonce="${data.nonce}">${new SafeHtml(PAGE_SCRIPT)}</script>`.value,
    flash: flash(data).value,
    usersTable: usersTable(data).value,
    clientsTable: clientsTable(data).value,
    addUserForm: addUserForm(data).value,
    addClientForm: addClientForm(data).value,
    passwordRules: html`<p class="hint">${data.passwordRules.text}</p>`.value,
  };
}

/** The hidden fields every form sends: the CSRF token and what the form is for. */
function hidden(data: FragmentInput, intent: string, fields: Record<string, string> = {}) {
  const extra = Object.entries(fields).map(
    ([name, value]) => html`<input type="hidden" name="${name}" value="${value}">`,
  );
  const csrf = html`<input type="hidden" name="csrf" value="${data.csrfToken}">`;
  return html`${csrf}<input type="hidden" name="intent" value="${intent}">${extra}`;
}

/** A one-button form for a table row; `confirm` is asked by the script before it is sent. */
function rowButton(
  data: FragmentInput,
  intent: string,
  fields: Record<string, string>,
  label: HtmlValue,
  style: 'quiet' | 'danger',
  confirm?: string,
) {
  const ask = confirm === undefined ? '' : html` data-confirm="${confirm}"`;
  return html`<form method="post" action="${data.pageUrl}"${ask}>${hidden(data, intent, fields)}<button type="submit" class="${style}">${label}</button></form>`;
}

function flash(data: FragmentInput): SafeHtml {
  const { flash } = data;
  if (flash === null) return html``;
  const role = flash.kind === 'error' ? 'alert' : 'status';
  const secret =
    flash.secret === undefined
      ? ''
      : html`
<div class="secret">
<p>The secret of client <code>${flash.secret.clientId}</code>. It is shown only this once: copy it now.</p>
<div class="secret-row">
<code id="client-secret" class="secret-value">${flash.secret.value}</code>
<button type="button" class="quiet" data-copy="client-secret" hidden>Copy</button>
<span data-copy-status aria-live="polite"></span>
</div>
</div>`;
  return html`<div class="flash flash-${flash.kind}" role="${role}"><p>${flash.message}</p>${secret}</div>`;
}

const created = (iso: string) =>
  html`<time datetime="${iso}">${iso.slice(0, 16).replace('T', ' ')} UTC</time>`;

/** The "set password" form of a user's row, folded in a `<details>`. */
function setPasswordForm(data: FragmentInput, user: PageUser, index: number): SafeHtml {
  const pw = `pw-${index}`;
  const rules = data.passwordRules;
  return html`<details>
<summary>Set password<span class="sr-only"> of ${user.username}</span></summary>
<form method="post" action="${data.pageUrl}" class="card">
${hidden(data, 'set-password', { id: user.id })}
<label for="${pw}">New password</label>
<input id="${pw}" name="password" type="password" required minlength="${rules.minLength}" maxlength="${rules.maxBytes}" autocomplete="new-password">
<label for="${pw}-confirm">Confirm new password</label>
<input id="${pw}-confirm" name="confirm" type="password" required autocomplete="new-password" data-match="${pw}">
<button type="submit">Set password</button>
</form>
</details>`;
}

function userRow(data: FragmentInput, user: PageUser, index: number): SafeHtml {
  const id = { id: user.id };
  const who = html`<span class="sr-only"> ${user.username}</span>`;
  const status = user.disabled
    ? html`<span class="badge off">Disabled</span>`
    : html`<span class="badge ok">Active</span>`;
  const toggle = user.disabled
    ? rowButton(data, 'enable-user', id, html`Enable${who}`, 'quiet')
    : rowButton(data, 'disable-user', id, html`Disable${who}`, 'quiet');
  const revoke = rowButton(
    data,
    'revoke-tokens',
    id,
    html`Revoke tokens${who}`,
    'quiet',
    `Revoke every token of ${user.username}?`,
  );
  const remove = rowButton(
    data,
    'delete-user',
    id,
    html`Delete${who}`,
    'danger',
    `Delete the user ${user.username}? Their tokens are revoked.`,
  );
  return html`<tr>
<td data-label="ID"><code>${user.id}</code></td>
<td data-label="Username">${user.username}</td>
<td data-label="Created">${created(user.createdAt)}</td>
<td data-label="Status">${status}</td>
<td data-label="Actions" class="actions"><div class="row-actions">${toggle}${revoke}${remove}${setPasswordForm(data, user, index)}</div></td>
</tr>`;
}

/** A table with a hidden caption, column headers and rows, or one "empty" row. */
function table(
  caption: string,
  headers: readonly string[],
  rows: readonly SafeHtml[],
  empty: string,
) {
  const body =
    rows.length === 0
      ? html`<tr><td colspan="${headers.length}" class="empty">${empty}</td></tr>`
      : rows;
  const heads = headers.map((h) => html`<th scope="col">${h}</th>`);
  return html`<div class="table-wrap"><table>
<caption class="sr-only">${caption}</caption>
<thead><tr>${heads}</tr></thead>
<tbody>
${body}
</tbody>
</table></div>`;
}

function usersTable(data: FragmentInput): SafeHtml {
  return table(
    'Users',
    ['ID', 'Username', 'Created', 'Status', 'Actions'],
    data.users.map((user, i) => userRow(data, user, i)),
    'No users yet.',
  );
}

const chips = (values: readonly string[]) =>
  values.length === 0
    ? html`<span class="none">none</span>`
    : values.map((value) => html`<code class="chip">${value}</code>`);

function clientRow(data: FragmentInput, client: PageClient): SafeHtml {
  const id = { client_id: client.clientId };
  const which = html`<span class="sr-only"> ${client.name}</span>`;
  const rotate =
    client.type === 'confidential'
      ? rowButton(
          data,
          'rotate-secret',
          id,
          html`Rotate secret${which}`,
          'quiet',
          `Give ${client.name} a new secret? The old one stops working at once.`,
        )
      : '';
  const remove = rowButton(
    data,
    'delete-client',
    id,
    html`Delete${which}`,
    'danger',
    `Delete the client ${client.name}? Its tokens are revoked.`,
  );
  const badge = client.type === 'confidential' ? 'ok' : 'off';
  return html`<tr>
<td data-label="Client ID"><code>${client.clientId}</code></td>
<td data-label="Name">${client.name}</td>
<td data-label="Type"><span class="badge ${badge}">${client.type}</span></td>
<td data-label="Grants">${chips(client.grants)}</td>
<td data-label="Scopes">${chips(client.scopes)}</td>
<td data-label="Actions" class="actions"><div class="row-actions">${rotate}${remove}</div></td>
</tr>`;
}

function clientsTable(data: FragmentInput): SafeHtml {
  return table(
    'Clients',
    ['Client ID', 'Name', 'Type', 'Grants', 'Scopes', 'Actions'],
    data.clients.map((client) => clientRow(data, client)),
    'No clients yet.',
  );
}

function addUserForm(data: FragmentInput): SafeHtml {
  const rules = data.passwordRules;
  return html`<form method="post" action="${data.pageUrl}" class="card" aria-labelledby="add-user-heading">
<h3 id="add-user-heading">Add a user</h3>
${hidden(data, 'add-user')}
<div class="fields">
<div class="field">
<label for="new-username">Username</label>
<input id="new-username" name="username" required maxlength="128" autocomplete="off" spellcheck="false">
</div>
<div class="field">
<label for="new-password">Password</label>
<input id="new-password" name="password" type="password" required minlength="${rules.minLength}" maxlength="${rules.maxBytes}" autocomplete="new-password" aria-describedby="new-password-rules">
</div>
<div class="field">
<label for="new-password-confirm">Confirm password</label>
<input id="new-password-confirm" name="confirm" type="password" required autocomplete="new-password" data-match="new-password">
</div>
</div>
<p id="new-password-rules" class="hint">${rules.text}</p>
<div class="form-end"><button type="submit">Add user</button></div>
</form>`;
}

const GRANT_LABELS: Readonly<Record<string, string>> = {
  password: 'password (users log in)',
  refresh_token: 'refresh_token',
  client_credentials: 'client_credentials (confidential only)',
};

function addClientForm(data: FragmentInput): SafeHtml {
  const grants = data.grantTypes.map((grant) => {
    const checked = grant === 'client_credentials' ? '' : html` checked`;
    return html`<label><input type="checkbox" name="grants" value="${grant}"${checked}> ${GRANT_LABELS[grant] ?? grant}</label>`;
  });
  return html`<form method="post" action="${data.pageUrl}" class="card" aria-labelledby="add-client-heading">
<h3 id="add-client-heading">Add a client</h3>
${hidden(data, 'add-client')}
<div class="fields">
<div class="field">
<label for="new-client-name">Name <span class="none">(optional)</span></label>
<input id="new-client-name" name="name" maxlength="200" autocomplete="off">
</div>
<div class="field">
<label for="new-client-scopes">Scopes</label>
<input id="new-client-scopes" name="scopes" autocomplete="off" spellcheck="false" aria-describedby="new-client-scopes-hint">
<p id="new-client-scopes-hint" class="hint">Separated by spaces, such as <code>read write</code>; empty for none.</p>
</div>
</div>
<div class="fields">
<fieldset class="field">
<legend>Type</legend>
<div class="choices">
<label><input type="radio" name="type" value="public" checked> public</label>
<label><input type="radio" name="type" value="confidential"> confidential (gets a secret)</label>
</div>
</fieldset>
<fieldset class="field">
<legend>Grants</legend>
<div class="choices">${grants}</div>
</fieldset>
</div>
<div class="form-end"><button type="submit">Add client</button></div>
</form>`;
}
