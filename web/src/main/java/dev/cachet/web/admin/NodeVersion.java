package dev.cachet.web.admin;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The build's version, from the filtered {@code cachet-version.properties}. */
@ApplicationScoped
public class NodeVersion {

  private String version;

  @PostConstruct
  void load() {
    Properties props = new Properties();
    try (InputStream in = NodeVersion.class.getResourceAsStream("/cachet-version.properties")) {
      if (in != null) {
        props.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    version = props.getProperty("version", "unknown");
  }

  public String version() {
    return version;
  }
}
