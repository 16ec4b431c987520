import { describe, expect, it } from 'vitest';
import { compileCondition } from '../../../../src/core/condition/evaluate.js';
import { parseRange } from '../../../../src/core/condition/operators/ip-address.js';
import { MapContext } from '../../../../src/core/request/context.js';

const KEY = 'aws:SourceIp';
const check = (operator: string, values: string[], request: string | undefined): boolean =>
  compileCondition([{ operator, key: KEY, values }], true).evaluate(new MapContext(request === undefined ? {} : { [KEY]: request }));

// IAM User Guide, "Condition operators", IP address condition operators.
describe('IpAddress / NotIpAddress', () => {
  it.each([
    [['203.0.113.0/24'], '203.0.113.77', true],
    [['203.0.113.0/24'], '203.0.114.0', false],
    [['10.1.0.0/16'], '10.1.255.254', true],
    [['192.0.2.0/25'], '192.0.2.127', true],
    [['192.0.2.0/25'], '192.0.2.128', false],
    [['10.40.16.0/20'], '10.40.31.255', true],
    [['10.40.16.0/20'], '10.40.32.1', false],
    [['198.51.100.8/30'], '198.51.100.11', true],
    [['198.51.100.8/30'], '198.51.100.12', false],
    [['198.51.100.7'], '198.51.100.7', true], // no prefix: /32
    [['198.51.100.7'], '198.51.100.8', false],
    [['203.0.113.77/32'], '203.0.113.77', true],
    [['0.0.0.0/0'], '8.8.4.4', true],
    [['192.0.2.0/24', '198.51.100.0/24'], '198.51.100.5', true],
    [['::/0'], '2001:db8:ffff::1', true],
    [['2001:DB8:1234:5678::/64'], '2001:db8:1234:5678:abcd:ef01:2345:6789', true],
    [['2001:DB8:1234:5678::/64'], '2001:db8:1234:5679::1', false],
    [['2001:db8:abcd:1200::/56'], '2001:db8:abcd:12ff:1::9', true],
    [['2001:db8:abcd:1200::/56'], '2001:db8:abcd:1300::1', false],
    [['2001:db8:abcd:1200::/56'], '2001:DB8:ABCD:12AB::1', true],
    [['2001:db8::/32'], '2001:0db8:0000:0000:0000:0000:0000:0001', true],
    [['2001:db8::42'], '2001:db8::42', true], // no prefix: /128
    [['2001:db8::42'], '2001:db8::43', false],
    [['203.0.113.0/24', '2001:DB8:1234:5678::/64'], '2001:db8:1234:5678::42', true],
    [['2001:DB8:1234:5678::/64'], '203.0.113.42', false], // IPv4 never in an IPv6 range
    [['203.0.113.0/24'], '2001:db8::1', false],
    [['0.0.0.0/0'], '::1', false],
    [['::/0'], '8.8.4.4', false],
    [['203.0.113.0/24'], undefined, false], // e.g. a request through a VPC endpoint
    [['203.0.113.0/24'], 'not-an-ip', false],
    [['127.0.0.0/8'], '127.1', false], // only dotted quads
    [['203.0.113.0/33'], '203.0.113.1', false], // invalid range matches nothing
  ])('IpAddress %j vs %j → %s', (values, request, want) => expect(check('IpAddress', values, request)).toBe(want));

  it.each([
    [['192.0.2.0/24'], '203.0.113.1', true],
    [['192.0.2.0/24'], '192.0.2.1', false],
    [['192.0.2.0/24', '198.51.100.0/24'], '198.51.100.1', false], // in any listed range: false
    [['192.0.2.0/24', '2001:db8:1234::/48'], '2001:db8:1234:5::20', false],
    [['192.0.2.0/24'], undefined, true], // negated operator on a missing key
  ])('NotIpAddress %j vs %j → %s', (values, request, want) => expect(check('NotIpAddress', values, request)).toBe(want));

  it.each([
    ['10.0.0.0/8', 8], ['10.0.0.1', 32], ['::1', 128], ['2001:db8::/32', 32], ['0.0.0.0/0', 0],
    ['10.0.0.0/', undefined], ['10.0.0.0/-1', undefined], ['::/129', undefined], ['10.0.0.0/8/8', undefined], ['x/8', undefined],
  ])('parseRange(%j) prefix → %s', (text, bits) => expect(parseRange(text)?.[1]).toBe(bits));
});
