import { describe, expect, it } from 'vitest';
import { DEV_JWT_SECRET, parseConfig } from '../../lib/config.js';

describe('config', () => {
  it('has working development defaults', () => {
    const c = parseConfig({});
    expect(c.PORT).toBe(8080);
    expect(c.JWT_SECRET).toBe(DEV_JWT_SECRET);
    expect(c.LLM_BASE_URL).toBeUndefined();
  });

  it('refuses the dev secret and the offline model in production', () => {
    expect(() => parseConfig({ NODE_ENV: 'production', LLM_BASE_URL: 'https://llm.internal/v1' })).toThrow(/JWT_SECRET/);
    expect(() => parseConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40) })).toThrow(/LLM_BASE_URL/);
    expect(parseConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40), LLM_BASE_URL: 'https://llm.internal/v1' }).NODE_ENV).toBe('production');
  });

  it('names the bad variable without echoing its value', () => {
    let message = '';
    try {
      parseConfig({ PORT: 'not-a-port-s3cr3t', REDIS_URL: 'also s3cr3t' });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/PORT/);
    expect(message).toMatch(/REDIS_URL/);
    expect(message).not.toContain('s3cr3t');
  });

  it('takes Redis Cluster seed nodes as host:port pairs; empty means a single node', () => {
    expect(parseConfig({ REDIS_CLUSTER_NODES: 'redis-0:6379, 10.0.0.2:7001' }).REDIS_CLUSTER_NODES).toBe('redis-0:6379, 10.0.0.2:7001');
    expect(parseConfig({ REDIS_CLUSTER_NODES: '' }).REDIS_CLUSTER_NODES).toBeUndefined();
    expect(() => parseConfig({ REDIS_CLUSTER_NODES: 'redis://redis-0:6379' })).toThrow(/REDIS_CLUSTER_NODES/);
    expect(parseConfig({}).QUOTA_REPLICA_WAIT_MS).toBe(100);
  });
});
