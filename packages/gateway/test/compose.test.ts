import { describe, expect, it } from 'vitest';
import { compose, type GatewayContext, type Middleware } from '../src/context.js';

const ctx = {} as GatewayContext;

describe('compose', () => {
  it('runs async and plain steps in order, each continuing with next()', async () => {
    const seen: string[] = [];
    const asyncStep: Middleware = async (_ctx, next) => {
      seen.push('async before');
      await next();
      seen.push('async after');
    };
    const plainStep: Middleware = (_ctx, next) => {
      seen.push('plain');
      return next();
    };
    await compose([asyncStep, plainStep, plainStep])(ctx);
    expect(seen).toEqual(['async before', 'plain', 'plain', 'async after']);
  });

  it('turns a synchronous throw of the first step into a rejected promise', async () => {
    const later: string[] = [];
    const throwing: Middleware = () => {
      throw new Error('refused');
    };
    let result: Promise<void> | undefined;
    expect(() => {
      result = compose([throwing, async () => void later.push('ran')])(ctx);
    }).not.toThrow();
    await expect(result).rejects.toThrow('refused');
    expect(later).toEqual([]);
  });

  it('lets an earlier step catch a later plain step that throws (the error boundary)', async () => {
    let caught: unknown;
    const boundary: Middleware = async (_ctx, next) => {
      try {
        await next();
      } catch (error) {
        caught = error;
      }
    };
    const plain: Middleware = (_ctx, next) => next();
    const throwing: Middleware = () => {
      throw new Error('denied');
    };
    await compose([boundary, plain, throwing])(ctx);
    expect(caught).toBeInstanceOf(Error);
    expect((caught as Error).message).toBe('denied');
  });
});
