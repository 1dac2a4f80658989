/** A growable Int32Array: the index is built in one pass without knowing its size ahead. */
export class IntBuffer {
  private data: Int32Array;
  length = 0;

  constructor(capacity = 1024) {
    this.data = new Int32Array(capacity);
  }

  push(value: number): void {
    if (this.length === this.data.length) {
      const bigger = new Int32Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = value;
  }

  /** A right-sized copy; the buffer can be dropped afterwards. */
  toArray(): Int32Array {
    return this.data.slice(0, this.length);
  }
}
