// axios with a custom adapter: the request runs through axios's real config merging, interceptors and response
// transforms, but never touches the network.
import axios from 'axios';
import { checkAsync, expectEqual } from '../report.js';

function fakeServer(config) {
  const url = joinUrl(config.baseURL, config.url);
  const body = { path: url, method: config.method, auth: config.headers.Authorization, query: config.params };
  return Promise.resolve({
    data: JSON.stringify(body),
    status: 200,
    statusText: 'OK',
    headers: { 'content-type': 'application/json' },
    config,
    request: {},
  });
}

// Joins baseURL and url the simple way; the point is what axios passes to the adapter.
function joinUrl(base, path) {
  return `${base.replace(/\/$/, '')}/${path.replace(/^\//, '')}`;
}

export async function runHttp() {
  await checkAsync('axios', async () => {
    const api = axios.create({ baseURL: 'https://api.example.test/v1/', adapter: fakeServer, timeout: 0 });
    api.interceptors.request.use((config) => {
      config.headers.Authorization = 'Bearer token-123';
      return config;
    });
    api.interceptors.response.use((response) => ({ ...response, data: { ...response.data, intercepted: true } }));
    const response = await api.get('/users', {
      params: { page: 2 },
      transformResponse: [...axios.defaults.transformResponse, (data) => ({ ...data, transformed: true })],
    });
    expectEqual(response.status, 200, 'status');
    expectEqual(
      response.data,
      {
        path: 'https://api.example.test/v1/users',
        method: 'get',
        auth: 'Bearer token-123',
        query: { page: 2 },
        transformed: true,
        intercepted: true,
      },
      'data',
    );
    let failed;
    try {
      await axios.get('/x', { adapter: () => Promise.reject(new axios.AxiosError('offline', 'ERR_NETWORK')) });
    } catch (error) {
      failed = axios.isAxiosError(error) ? error.code : 'other';
    }
    expectEqual(failed, 'ERR_NETWORK', 'rejected request');
    return response.data.path;
  });
}
