// The hub's HTTP API, same origin. The admin key lives in sessionStorage only (gone when the
// tab closes); it is never written to localStorage, cookies or URLs.
const KEY = 'riskbridge.adminKey';

export const getKey = () => sessionStorage.getItem(KEY);
export const setKey = (key) => sessionStorage.setItem(KEY, key);
export const forgetKey = () => sessionStorage.removeItem(KEY);

export class ApiError extends Error {
  constructor(status, problem) {
    const detail = problem?.detail ?? problem?.title ?? `HTTP ${status}`;
    const fields = Array.isArray(problem?.errors) ? ` (${problem.errors.map((e) => `${e.path}: ${e.message}`).join('; ')})` : '';
    super(`${detail}${fields}`);
    this.status = status;
    this.problem = problem;
  }
}

/** Calls the API with the stored key; throws ApiError with the problem+json details on 4xx/5xx. */
export const api = async (method, path, body, key = getKey()) => {
  const response = await fetch(path, {
    method,
    credentials: 'omit',
    cache: 'no-store',
    headers: {
      ...(key ? { authorization: `Bearer ${key}` } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      accept: 'application/json',
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const raw = await response.text();
  let data;
  try {
    data = raw ? JSON.parse(raw) : undefined;
  } catch {
    data = undefined;
  }
  if (!response.ok) throw new ApiError(response.status, data);
  return data;
};

export const query = (params) => {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
};
