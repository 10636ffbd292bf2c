package io.parley.testkit.arch;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * What class files cannot show: the dependencies a pom declares. A bot or the SDK that declared
 * a Parley internal or BouncyCastle outside test scope would ship it even if no class used it.
 * Stateless.
 */
public final class PomRules {
  /** Artifacts the SDK and the bots must not depend on outside tests. */
  public static final Set<String> SDK_ONLY_FORBIDDEN_ARTIFACTS = Set.of(
      "io.parley:parley-protocol", "io.parley:parley-transport", "io.parley:parley-relay",
      "io.parley:parley-agent", "io.parley:parley-daemon");
  /** Group whose every artifact the SDK and the bots must not depend on outside tests. */
  public static final String SDK_ONLY_FORBIDDEN_GROUP = "org.bouncycastle";

  private PomRules() {}

  /**
   * Forbidden non-test dependencies {@code pom} declares, as {@code group:artifact} with the
   * scope when one is given; empty if there are none.
   */
  public static List<String> sdkOnlyViolations(Path pom) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    Document doc = f.newDocumentBuilder().parse(pom.toFile());
    List<String> out = new ArrayList<>();
    for (Element deps : children(doc.getDocumentElement(), "dependencies")) {
      for (Element dep : children(deps, "dependency")) {
        String group = text(dep, "groupId");
        String artifact = group + ":" + text(dep, "artifactId");
        String scope = text(dep, "scope").toLowerCase(Locale.ROOT);
        boolean forbidden = SDK_ONLY_FORBIDDEN_ARTIFACTS.contains(artifact)
            || group.equals(SDK_ONLY_FORBIDDEN_GROUP)
            || group.startsWith(SDK_ONLY_FORBIDDEN_GROUP + ".");
        if (forbidden && !scope.equals("test")) {
          out.add(artifact + (scope.isEmpty() ? "" : " (" + scope + ")"));
        }
      }
    }
    return out;
  }

  private static List<Element> children(Element parent, String name) {
    List<Element> out = new ArrayList<>();
    NodeList nodes = parent.getChildNodes();
    for (int i = 0; i < nodes.getLength(); i++) {
      Node n = nodes.item(i);
      if (n instanceof Element e && e.getTagName().equals(name)) {
        out.add(e);
      }
    }
    return out;
  }

  private static String text(Element parent, String name) {
    List<Element> c = children(parent, name);
    return c.isEmpty() ? "" : c.get(0).getTextContent().trim();
  }
}
