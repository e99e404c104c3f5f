// Run as a separate process by the circuit-breaker test: records N failures of a model and prints the state.
import { CircuitBreaker } from '../../activities/security/stores/circuit-breaker.js';
import { createRedis } from '../../lib/redis.js';

const [name, count] = process.argv.slice(2);
const redis = createRedis('breaker-failures', process.env.REDIS_URL);
const breaker = new CircuitBreaker(redis, { failureThreshold: 5, openMs: 60_000, probeLeaseMs: 10_000 });
let state = 'closed';
for (let i = 0; i < Number(count); i++) state = await breaker.record(name!, false);
console.log(state);
await redis.quit();
