package io.parley.sdk.testing;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Checks that code meant to use only the SDK (the SDK itself and the bots) depends on no
 * Parley internals (protocol, relay, daemon) and no BouncyCastle: in its pom (compile, runtime
 * or provided scope) and in the constant pools of its compiled classes, which name every class,
 * field and method a class uses. Stateless.
 */
public final class DependencyRules {
  /** Artifacts the SDK and bots must not depend on outside tests. */
  public static final Set<String> FORBIDDEN_ARTIFACTS = Set.of("io.parley:parley-protocol",
      "io.parley:parley-relay", "io.parley:parley-daemon");
  /** Group whose every artifact is forbidden. */
  public static final String FORBIDDEN_GROUP = "org.bouncycastle";
  /** Internal names (as in class files) of the forbidden packages. */
  public static final Pattern FORBIDDEN_CLASS = Pattern.compile(
      "io/parley/(protocol|relay|daemon)/|org/bouncycastle/");
  private static final int CLASS_MAGIC = 0xCAFEBABE;

  private DependencyRules() {}

  /** Forbidden non-test dependencies declared in {@code pom}, as {@code group:artifact}. */
  public static List<String> forbiddenDependencies(Path pom) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    Document doc = f.newDocumentBuilder().parse(pom.toFile());
    List<String> out = new ArrayList<>();
    Element project = doc.getDocumentElement();
    for (Element deps : children(project, "dependencies")) {
      for (Element dep : children(deps, "dependency")) {
        String group = text(dep, "groupId");
        String artifact = group + ":" + text(dep, "artifactId");
        String scope = text(dep, "scope").toLowerCase(Locale.ROOT);
        boolean forbidden = FORBIDDEN_ARTIFACTS.contains(artifact)
            || group.equals(FORBIDDEN_GROUP) || group.startsWith(FORBIDDEN_GROUP + ".");
        if (forbidden && !scope.equals("test")) {
          out.add(artifact + (scope.isEmpty() ? "" : " (" + scope + ")"));
        }
      }
    }
    return out;
  }

  /**
   * Classes under {@code classesDir} that refer to a forbidden package, each with the first
   * forbidden name it uses.
   */
  public static List<String> forbiddenReferences(Path classesDir) throws IOException {
    List<String> out = new ArrayList<>();
    try (Stream<Path> files = Files.walk(classesDir)) {
      for (Path p : files.filter(x -> x.toString().endsWith(".class")).sorted().toList()) {
        for (String name : constantPoolStrings(p)) {
          if (FORBIDDEN_CLASS.matcher(name).find()) {
            out.add(classesDir.relativize(p) + " -> " + name);
            break;
          }
        }
      }
    }
    return out;
  }

  /** Every UTF-8 constant of a class file: class, member and descriptor names, strings. */
  public static Set<String> constantPoolStrings(Path classFile) throws IOException {
    try (InputStream in = Files.newInputStream(classFile);
        DataInputStream data = new DataInputStream(in)) {
      if (data.readInt() != CLASS_MAGIC) {
        throw new IOException(classFile + " is not a class file");
      }
      data.readUnsignedShort();
      data.readUnsignedShort();
      int count = data.readUnsignedShort();
      Set<String> utf8 = new TreeSet<>();
      for (int i = 1; i < count; i++) {
        int tag = data.readUnsignedByte();
        switch (tag) {
          case 1 -> utf8.add(data.readUTF());
          case 3, 4 -> data.skipNBytes(4);
          case 5, 6 -> {
            data.skipNBytes(8);
            i++; // long and double take two slots
          }
          case 7, 8, 16, 19, 20 -> data.skipNBytes(2);
          case 9, 10, 11, 12, 17, 18 -> data.skipNBytes(4);
          case 15 -> data.skipNBytes(3);
          default -> throw new IOException(classFile + ": unknown constant tag " + tag);
        }
      }
      return utf8;
    }
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
