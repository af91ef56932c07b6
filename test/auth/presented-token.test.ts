import { presentedToken } from '../../src/shared/auth/authenticator';

/** The credential in a URL as the URL standard's parser reads it: what presentedToken must match. */
const standard = (url: string): string | null =>
  new URL(url, 'http://hub.example').searchParams.get('api_key');

describe('auth > the credential a request presents', () => {
  it.each([
    '/graphql',
    '/graphql?api_key=k1',
    '/graphql?query=%7B%20a%20%7D&api_key=k2&api_key=k3',
    '/graphql?api%5Fkey=k4',
    '/graphql?api%5fkey=k5&api_key=k6',
    '/graphql??api_key=k7',
    '/graphql?a=1&?api_key=k8',
    '/graphql?api_key',
    '/graphql?api_key=',
    '/graphql?api_key=a%2Bb+c',
    '/graphql?api+key=k9',
    '/graphql?x=1#api_key=k10',
    '/graphql?x=1&api_key=k11#frag',
    '/graphql?&&api_key=k12&',
    '/graphql?%61pi_key=k13',
    '/graphql?api_key%3Dk14',
    '/graphql?API_KEY=k15',
    '/graphql?api_key=%E2%82%AC%ZZ',
  ])('reads the api_key of %s as the URL standard does', (url) => {
    expect(presentedToken({ url, authorization: undefined })).toBe(standard(url));
  });

  it('takes a bearer header before the URL', () => {
    expect(presentedToken({ url: '/graphql?api_key=k', authorization: 'bearer  t1' })).toBe('t1');
    expect(presentedToken({ url: '/graphql?api_key=k', authorization: 'Basic t1' })).toBeNull();
  });
});
