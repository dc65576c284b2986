import { renderAuthorization } from '../arbitraries/authorization.js';
import { managementRequest, renderManagementPath } from '../arbitraries/management.js';
import { request, toBytes } from '../arbitraries/request.js';
import { exchange } from '../exchange.js';
import { expectRfcAnswer } from '../expectations.js';
import { ADMIN_AUTHORIZATION, type FuzzWorld } from '../world.js';
import { holds, label, maxHuge, type PropertyContext } from './run.js';

/**
 * The management API under random routes, methods, credentials and bodies: a 2xx, or an
 * RFC-shaped JSON 4xx. Ids from created users and clients are kept, and deleted ones are
 * created again, so that requests go on reaching existing resources.
 */
export function managementProperty(context: PropertyContext): Promise<void> {
  const { fc, world, options } = context;
  return holds(context, managementRequest(fc, options, maxHuge(options)), async (plan) => {
    const built = request(
      {
        method: plan.method,
        path: renderManagementPath(plan, world.values),
        headers: {
          authorization:
            plan.auth === 'admin'
              ? ADMIN_AUTHORIZATION
              : plan.auth === null
                ? null
                : renderAuthorization(plan.auth, world.resolve),
          'content-type': plan.contentType,
        },
        body: plan.body === null ? null : toBytes(plan.body.text, plan.body.splices),
      },
      options,
    );
    const answer = await exchange(world.fetch, built);
    const body = expectRfcAnswer(answer, { noStore: false, head: plan.method === 'HEAD' });
    if (answer.status === 201) learn(world, body);
    await world.restock();
    return `${plan.method} ${plan.path}: ${label(answer.status, body)}`;
  });
}

/** Keeps the ids (and secret) of what a 201 created. */
function learn(world: FuzzWorld, body: unknown): void {
  if (typeof body !== 'object' || body === null) return;
  const created = body as Record<string, unknown>;
  if (typeof created.id === 'string') world.values.userId = created.id;
  if (typeof created.client_id !== 'string') return;
  if (created.type === 'public') world.values.publicClient = created.client_id;
  if (typeof created.client_secret === 'string') {
    world.values.confidentialClient = created.client_id;
    world.values.clientSecret = created.client_secret;
  }
}
