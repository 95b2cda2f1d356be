package dev.toolseal.verifier.relay;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.util.function.Consumer;

/**
 * An output stream that hands each complete line (without its newline) to a consumer: how the
 * guard's upstream writer feeds an HTTP upstream or client. Closing it calls {@code onClose}.
 */
public final class LineSplitter extends OutputStream {
  private final ByteArrayOutputStream line = new ByteArrayOutputStream();
  private final Consumer<byte[]> onLine;
  private final Runnable onClose;
  private boolean closed;

  public LineSplitter(Consumer<byte[]> onLine, Runnable onClose) {
    this.onLine = onLine;
    this.onClose = onClose;
  }

  @Override
  public synchronized void write(int b) {
    if (b == '\n') {
      byte[] l = line.toByteArray();
      line.reset();
      onLine.accept(l);
    } else {
      line.write(b);
    }
  }

  @Override
  public synchronized void write(byte[] b, int off, int len) {
    int start = off;
    for (int i = off; i < off + len; i++) {
      if (b[i] == '\n') {
        line.write(b, start, i - start);
        write('\n');
        start = i + 1;
      }
    }
    line.write(b, start, off + len - start);
  }

  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    onClose.run();
  }
}
