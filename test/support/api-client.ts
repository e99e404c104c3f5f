// A small JSON client for the REST API under /api, with a user's bearer token.
import { signToken } from '../../lib/auth.js';

export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

export class ApiClient {
  private constructor(
    private readonly base: string,
    private readonly token: string | undefined,
  ) {}

  static async as(base: string, userId: string | undefined): Promise<ApiClient> {
    return new ApiClient(base, userId ? await signToken(userId) : undefined);
  }

  static withToken(base: string, token: string): ApiClient {
    return new ApiClient(base, token);
  }

  async request<T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse<T>> {
    const h: Record<string, string> = { ...headers };
    if (this.token) h.authorization = `Bearer ${this.token}`;
    let payload: string | undefined;
    if (typeof body === 'string') payload = body;
    else if (body !== undefined) {
      payload = JSON.stringify(body);
      h['content-type'] ??= 'application/json';
    }
    const res = await fetch(`${this.base}/api${path}`, { method, headers: h, body: payload });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
  }

  get<T = any>(path: string) {
    return this.request<T>('GET', path);
  }

  post<T = any>(path: string, body: unknown, headers?: Record<string, string>) {
    return this.request<T>('POST', path, body, headers);
  }
}
