/**
 * The same number, held as V8 holds a small integer (within the reference itself) when it is one.
 * A number worked out as a double (read from an array of doubles, or nanoseconds between two
 * times) is otherwise put in a heap object of its own when an object's field takes it: one per
 * segment, for the fields each segment's analysis fills.
 */
export function asSmallInteger(value: number): number {
  const integer = value | 0;
  return integer === value ? integer : value;
}
