package dev.tenantplatform.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantplatform.cli.Main;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/** The image Jib builds (profile {@code image} of services/pom.xml) runs what the Deployment expects of it. */
class ImageConfigurationTest {

  private static final String JIB = "//profile[id='image']/build/plugins/plugin[artifactId='jib-maven-plugin']";

  private final XPath xpath = XPathFactory.newInstance().newXPath();
  private final Document pom = parse(Manifests.ROOT.resolve("services/pom.xml"));

  @Test
  void theImageStartsTheCommandLineOfTheJarAsTheUserThePodRunsAs() throws Exception {
    assertThat(text(JIB + "/configuration/container/mainClass")).isEqualTo(Main.class.getName());
    Deployment deployment = Manifests.platform(Manifests.read(Manifests.DEPLOY.resolve("base/deployment.yaml")));
    long uid = deployment.getSpec().getTemplate().getSpec().getSecurityContext().getRunAsUser();
    assertThat(text(JIB + "/configuration/container/user")).isEqualTo(uid + ":" + uid);
  }

  @Test
  void theImageDeclaresEveryPortTheContainerOpens() throws Exception {
    Deployment deployment = Manifests.platform(Manifests.read(Manifests.DEPLOY.resolve("base/deployment.yaml")));
    List<String> declared = texts(JIB + "/configuration/container/ports/port");
    assertThat(declared).containsExactlyInAnyOrderElementsOf(KustomizeRenderTest.container(deployment).getPorts()
        .stream().map(ContainerPort::getContainerPort).map(String::valueOf).toList());
  }

  @Test
  void theJvmGetsTheModuleAccessHazelcastNeedsAsTheJarDoes() throws Exception {
    Document root = parse(Manifests.ROOT.resolve("pom.xml"));
    String[] needed = ((String) xpath.evaluate("/project/properties/hazelcast.jvm.args", root, XPathConstants.STRING))
        .trim().split("\\s+");
    List<String> flags = new ArrayList<>();
    for (int i = 0; i < needed.length; i += 2) {
      flags.add(needed[i] + "=" + needed[i + 1]);
    }
    assertThat(texts(JIB + "/configuration/container/jvmFlags/jvmFlag")).containsAll(flags);
  }

  @Test
  void theImageIsBuiltOnlyWhenAskedFor() throws Exception {
    assertThat(texts("//profile[id='image']/activation")).as("an activation of the image profile").isEmpty();
    assertThat(texts("/project/build/plugins/plugin[artifactId='jib-maven-plugin']")).isEmpty();
  }

  private String text(String path) throws Exception {
    return ((String) xpath.evaluate(path, pom, XPathConstants.STRING)).trim();
  }

  private List<String> texts(String path) throws Exception {
    NodeList nodes = (NodeList) xpath.evaluate(path, pom, XPathConstants.NODESET);
    List<String> values = new ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      values.add(nodes.item(i).getTextContent().trim());
    }
    return values;
  }

  private static Document parse(Path file) {
    try {
      return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
    } catch (Exception e) {
      throw new AssertionError("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

}
