// Runs inside the hashing pool's worker threads. Plain JavaScript on purpose: the same file
// serves the TypeScript sources (tests) and the compiled package, since worker threads load it
// by path.
import bcrypt from 'bcryptjs';

/** @param {{ op: 'hash', password: string, cost: number } | { op: 'verify', password: string, hash: string }} task */
export default function run(task) {
  if (task.op === 'hash') return bcrypt.hashSync(task.password, task.cost);
  return bcrypt.compareSync(task.password, task.hash);
}
