package io.parley.daemon.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MediaTypesTest {
  @Test
  void jsonAndUtf8TextAreRecognisedWithOrWithoutParameters() {
    assertEquals(MediaTypes.Kind.JSON, MediaTypes.classify("application/json"));
    assertEquals(MediaTypes.Kind.JSON, MediaTypes.classify("Application/JSON; charset=UTF-8"));
    assertEquals(MediaTypes.Kind.TEXT, MediaTypes.classify("text/plain"));
    assertEquals(MediaTypes.Kind.TEXT, MediaTypes.classify("text/plain;charset=\"utf-8\""));
  }

  @Test
  void formsOtherCharsetsAndMissingTypesAreOther() {
    for (String t : new String[] {null, "", "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x", "text/plain; charset=iso-8859-1", "text/html",
        "application/json-patch+json"}) {
      assertEquals(MediaTypes.Kind.OTHER, MediaTypes.classify(t), String.valueOf(t));
    }
  }
}
