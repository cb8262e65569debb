package dev.cachet.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The status page as a browser fetches it, shared by the Payara Micro and the Payara Server tests:
 * the page at the root, every JavaScript module it imports (directly or through another module) as
 * {@code text/javascript} (a browser runs no module of another type), its style sheet, and the
 * page's security headers, which the API's answers do not carry.
 */
public final class StatusPageChecks {

  /**
   * {@code import … from './x.js'}, {@code import('./y.js')}, {@code src="status/z.js"}, and the
   * panels' modules as main.js names them ({@code module: './panels/keys.js'}, imported by name).
   */
  private static final Pattern MODULE =
      Pattern.compile(
          "(?:from |import\\(|src=|module: )['\"]((?:\\./|\\.\\./|status/)[a-z/]+\\.js)['\"]");

  private StatusPageChecks() {}

  /** Checks the page and every file it loads; returns the modules found. */
  public static Set<String> servesTheStatusPage(Http http) {
    HttpResponse<byte[]> root = http.get("/");
    assertThat(root.statusCode()).isEqualTo(200);
    assertThat(root.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
    assertThat(root.headers().firstValue("Content-Security-Policy"))
        .hasValueSatisfying(
            policy ->
                assertThat(policy).contains("script-src 'self'").contains("connect-src 'self'"));
    assertThat(root.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
    String html = Http.text(root);
    assertThat(html).contains("<script type=\"module\" src=\"status/main.js\"></script>");

    Set<String> modules = new LinkedHashSet<>();
    Deque<String> todo = new ArrayDeque<>();
    todo.add("/status/main.js");
    while (!todo.isEmpty()) {
      String path = todo.poll();
      if (!modules.add(path)) {
        continue;
      }
      HttpResponse<byte[]> module = http.get(path);
      assertThat(module.statusCode()).as(path).isEqualTo(200);
      assertThat(module.headers().firstValue("Content-Type"))
          .as(path)
          .hasValueSatisfying(type -> assertThat(type).startsWith("text/javascript"));
      Matcher imports = MODULE.matcher(Http.text(module));
      while (imports.find()) {
        todo.add(resolve(path, imports.group(1)));
      }
    }
    assertThat(modules).contains("/status/panels/keys.js", "/status/api.js").hasSizeGreaterThan(8);

    HttpResponse<byte[]> css = http.get("status/status.css");
    assertThat(css.statusCode()).isEqualTo(200);
    assertThat(css.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/css"));
    HttpResponse<byte[]> icon = http.get("status/favicon.svg");
    assertThat(icon.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("image/svg+xml"));
    assertThat(http.get("api/v1/chain").headers().firstValue("Content-Security-Policy")).isEmpty();
    return modules;
  }

  private static String resolve(String from, String specifier) {
    String dir = from.substring(0, from.lastIndexOf('/') + 1);
    String path = specifier.startsWith("status/") ? "/" + specifier : dir + specifier;
    path = path.replace("/./", "/");
    while (path.contains("/../")) {
      path = path.replaceFirst("/[^/]+/\\.\\./", "/");
    }
    return path;
  }
}
