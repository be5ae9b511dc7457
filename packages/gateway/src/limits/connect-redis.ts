import { Redis } from 'ioredis';

/** A Redis client for the shared stores; the URL comes from config/env at the edge. */
export function connectRedis(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: 2, enableOfflineQueue: true });
}
