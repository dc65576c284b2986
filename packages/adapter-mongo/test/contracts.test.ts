import { clientStoreContract, tokenStoreContract, userStoreContract } from '@sentinel/core/testing';
import { useMongo } from './support/database.js';
import { describeWithMongo } from './support/gate.js';

describeWithMongo('core contracts on MongoDB', (url) => {
  const mongo = useMongo(url);
  const setup = async () => {
    const database = await mongo.freshDatabase();
    return { stores: database.stores, teardown: database.teardown };
  };

  userStoreContract('MongoUserStore', async () => {
    const { stores, teardown } = await setup();
    return { store: stores.users, teardown };
  });
  clientStoreContract('MongoClientStore', async () => {
    const { stores, teardown } = await setup();
    return { store: stores.clients, teardown };
  });
  tokenStoreContract('MongoTokenStore', async () => {
    const { stores, teardown } = await setup();
    return { store: stores.tokens, teardown };
  });
});
