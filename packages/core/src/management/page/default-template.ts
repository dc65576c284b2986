/**
 * The default management page, written in the same template language an application's own
 * template uses: it only places the ready-made fragments.
 */
export const DEFAULT_TEMPLATE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{title}}</title>
{{html.style}}
</head>
<body>
<header class="top"><div class="wrap"><h1>{{title}}</h1><p>Users and clients of this token server.</p></div></header>
<main class="wrap">
{{html.flash}}
<section aria-labelledby="users-heading">
<h2 id="users-heading">Users <span class="count">{{userCount}}</span></h2>
{{html.addUserForm}}
{{html.usersTable}}
</section>
<section aria-labelledby="clients-heading">
<h2 id="clients-heading">Clients <span class="count">{{clientCount}}</span></h2>
{{html.addClientForm}}
{{html.clientsTable}}
</section>
</main>
{{html.script}}
</body>
</html>
`;
