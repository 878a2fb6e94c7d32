import { fromMicros, toMicrosCeil, toMicrosFloor } from './micros';
import { Money } from './money';

describe('micro-dollars', () => {
  it('rounds holds up and balances down', () => {
    expect(toMicrosCeil(new Money('0.0000001'))).toBe('1');
    expect(toMicrosFloor(new Money('0.0000001'))).toBe('0');
    expect(toMicrosCeil(new Money('0.0045'))).toBe('4500');
    expect(toMicrosFloor(new Money('9.9955'))).toBe('9995500');
    expect(toMicrosFloor(new Money('-0.0000001'))).toBe('-1');
    expect(toMicrosCeil(new Money('123456789.1234567'))).toBe('123456789123457');
  });

  it('converts back exactly', () => {
    expect(fromMicros('4500').equals(new Money('0.0045'))).toBe(true);
  });
});
