// The one way the app talks to the server: fetch with the session cookie, JSON in and out, errors as ApiError.

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

type UnauthorizedHandler = () => void;
let onUnauthorized: UnauthorizedHandler = () => {};

/** Registered by the app shell: where to go when the session is gone. */
export function setUnauthorizedHandler(handler: UnauthorizedHandler): void {
  onUnauthorized = handler;
}

type ReauthHandler = () => Promise<boolean>;
let onReauthRequired: ReauthHandler = async () => false;

/** Registered by the app shell: asks for the password again (403 REAUTH_REQUIRED); true once it was proved. */
export function setReauthHandler(handler: ReauthHandler): void {
  onReauthRequired = handler;
}

/** Asks for the password before an action the server guards (a bulk export opened as a link). */
export function requestReauth(): Promise<boolean> {
  return onReauthRequired();
}

// Calls whose 401 means "wrong credentials", not "session expired".
const CREDENTIAL_PATHS = ['/api/auth/login', '/api/auth/code/verify', '/api/auth/code/request'];

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  query?: Record<string, string | number | boolean | null | undefined>;
}

export function withQuery(path: string, query?: RequestOptions['query']): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  try {
    return await request<T>(path, options);
  } catch (err) {
    // the most sensitive actions need the password proved lately: ask for it once, then try again
    if (err instanceof ApiError && err.code === 'REAUTH_REQUIRED' && (await onReauthRequired())) {
      return request<T>(path, options);
    }
    throw err;
  }
}

async function request<T>(path: string, options: RequestOptions): Promise<T> {
  const { method = 'GET', body, query } = options;
  const isForm = typeof FormData !== 'undefined' && body instanceof FormData;
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined && !isForm) headers['Content-Type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(withQuery(path, query), {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : isForm ? (body as FormData) : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'NETWORK', '无法连接服务器，请检查网络');
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let data: unknown = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }
  if (!res.ok) {
    const err = (data ?? {}) as { code?: string; message?: string; details?: unknown };
    if (res.status === 401 && !CREDENTIAL_PATHS.includes(path)) onUnauthorized();
    throw new ApiError(
      res.status,
      err.code ?? `HTTP_${res.status}`,
      err.message ?? `请求失败（${res.status}）`,
      err.details,
    );
  }
  return data as T;
}

export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  if (err instanceof Error) return err.message;
  return String(err);
}
