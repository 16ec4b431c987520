import { freshPgliteDb } from '../helpers/database.js';
import { defineStoreContract } from './store-contract.js';

defineStoreContract('pglite', freshPgliteDb);
