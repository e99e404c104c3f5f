export { freePort } from '../../scripts/stack/process.js';
