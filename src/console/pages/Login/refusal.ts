import type { CombinedError } from 'urql';

/**
 * The sentence to show for a failed login request: the server's own Chinese message (a rate
 * limit names its wait), or a network failure said in Chinese.
 */
export function refusalOf(error: CombinedError): string {
  const first = error.graphQLErrors[0];
  if (first) {
    const wait = first.extensions?.retryAfter;
    return first.extensions?.code === 'RATE_LIMITED' && typeof wait === 'number' && !first.message.includes(String(wait)) ? `${first.message}（请 ${wait} 秒后再试）` : first.message;
  }
  return '无法连接服务器，请检查网络后重试 (the server could not be reached)';
}
