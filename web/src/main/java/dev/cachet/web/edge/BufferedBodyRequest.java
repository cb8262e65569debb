package dev.cachet.web.edge;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * The request as the resources see it once its body has arrived: the body is read from memory, so
 * no resource ever waits on the client.
 */
final class BufferedBodyRequest extends HttpServletRequestWrapper {

  private volatile byte[] body = new byte[0];

  BufferedBodyRequest(HttpServletRequest request) {
    super(request);
  }

  void body(byte[] bytes) {
    body = bytes;
  }

  @Override
  public ServletInputStream getInputStream() {
    return new MemoryInputStream(body);
  }

  @Override
  public BufferedReader getReader() {
    String encoding = getCharacterEncoding();
    Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
    return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(body), charset));
  }

  /** A servlet input stream over bytes already in memory: always ready. */
  private static final class MemoryInputStream extends ServletInputStream {

    private final ByteArrayInputStream in;

    MemoryInputStream(byte[] bytes) {
      this.in = new ByteArrayInputStream(bytes);
    }

    @Override
    public int read() {
      return in.read();
    }

    @Override
    public int read(byte[] b, int off, int len) {
      return in.read(b, off, len);
    }

    @Override
    public int available() {
      return in.available();
    }

    @Override
    public boolean isFinished() {
      return in.available() == 0;
    }

    @Override
    public boolean isReady() {
      return true;
    }

    @Override
    public void setReadListener(ReadListener listener) {
      try {
        if (!isFinished()) {
          listener.onDataAvailable();
        }
        listener.onAllDataRead();
      } catch (IOException e) {
        listener.onError(e);
      }
    }
  }
}
