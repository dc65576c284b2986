import bcrypt from 'bcryptjs';
import { BcryptHasher, InlineBcryptHasher } from '../crypto/bcrypt-hasher.js';
import {
  attemptLimiterContract,
  clientStoreContract,
  MemoryAttemptLimiter,
  MemoryClientStore,
  MemoryTokenCache,
  MemoryTokenStore,
  MemoryUserStore,
  passwordHasherContract,
  tokenCacheContract,
  tokenStoreContract,
  userStoreContract,
} from './index.js';

userStoreContract('memory', async () => ({ store: new MemoryUserStore() }));
clientStoreContract('memory', async () => ({ store: new MemoryClientStore() }));
tokenStoreContract('memory', async () => ({ store: new MemoryTokenStore() }));
tokenCacheContract('memory', async () => ({ store: new MemoryTokenCache() }));
attemptLimiterContract('memory', async () => ({ store: new MemoryAttemptLimiter() }));

const cost4 = bcrypt.hashSync('hunter22', 4);
passwordHasherContract(
  'bcryptjs inline',
  async () => ({ store: new InlineBcryptHasher(5) }),
  cost4,
);
passwordHasherContract(
  'bcryptjs worker pool',
  async () => {
    const hasher = new BcryptHasher({ cost: 5, poolSize: 2 });
    return { store: hasher, teardown: () => hasher.close() };
  },
  cost4,
);
