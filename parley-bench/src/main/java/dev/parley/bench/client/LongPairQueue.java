package dev.parley.bench.client;

/** A growable FIFO of (long, long) pairs without boxing: the (seq, scheduled time) of sends awaiting ✓✓. */
final class LongPairQueue {
    private long[] a = new long[16];
    private long[] b = new long[16];
    private int head;
    private int size;

    void add(long x, long y) {
        if (size == a.length) {
            grow();
        }
        int i = (head + size) & (a.length - 1);
        a[i] = x;
        b[i] = y;
        size++;
    }

    boolean isEmpty() {
        return size == 0;
    }

    long firstA() {
        return a[head];
    }

    long firstB() {
        return b[head];
    }

    void removeFirst() {
        head = (head + 1) & (a.length - 1);
        size--;
    }

    int size() {
        return size;
    }

    private void grow() {
        long[] na = new long[a.length * 2];
        long[] nb = new long[b.length * 2];
        for (int k = 0; k < size; k++) {
            na[k] = a[(head + k) & (a.length - 1)];
            nb[k] = b[(head + k) & (a.length - 1)];
        }
        a = na;
        b = nb;
        head = 0;
    }
}
