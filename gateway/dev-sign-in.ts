// Development only: the web client's "sign in by name", so a newcomer reaches a chat in the browser without a
// terminal. It mints a short-lived student token (never an operator one) with the configured secret. In production
// the routes do not exist: they answer 404 like any unknown route, and the page then offers only a pasted token.
import type express from 'express';
import { z } from 'zod';
import { signToken, USER_ID_PATTERN } from '../lib/auth.js';
import type { Config } from '../lib/config.js';
import { parse } from './api-schemas.js';

export const devSignInBody = z.object({ user: z.string().regex(USER_ID_PATTERN, 'may contain only letters, digits and _ . @ - (1-128)') }).strict();

const DEV_TOKEN_LIFETIME = '12h';

export function addDevSignIn(app: express.Express, c: Config): void {
  if (c.NODE_ENV === 'production') return;
  app.get('/dev/sign-in', (_req, res) => {
    res.json({ available: true, lifetime: DEV_TOKEN_LIFETIME });
  });
  app.post('/dev/sign-in', async (req, res, next) => {
    try {
      const { user } = parse(devSignInBody, req.body);
      res.json({ token: await signToken(user, { roles: ['student'], expiresIn: DEV_TOKEN_LIFETIME }, c) });
    } catch (err) {
      next(err);
    }
  });
}
