package dev.cachet.xmss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class XmssParametersTest {

  @Test
  void productionDefaultHasTheIssuesShape() {
    XmssParameters p = XmssParameters.PRODUCTION;

    assertThat(p.lifetime()).isEqualTo(1L << 32);
    assertThat(p.leavesPerTree()).isEqualTo(65_536);
    assertThat(p.bottomTreeCount()).isEqualTo(65_536);
    assertThat(p.signatureLength()).isEqualTo(5_348);
    assertThat(p.rfcOid()).isEmpty();
    assertThat(p.name()).isEqualTo("XMSSMT-SHA2_32/2_256");
  }

  @Test
  void signatureLengthsMatchBouncyCastles() {
    assertThat(new XmssParameters(8, 2).signatureLength()).isEqualTo(4_577);
    assertThat(new XmssParameters(20, 2).signatureLength()).isEqualTo(4_963);
  }

  @Test
  void findsRfcSetsByNameWithTheirOids() {
    assertThat(XmssParameters.named("XMSSMT-SHA2_20/2_256").rfcOid()).hasValue(1);
    assertThat(XmssParameters.named("XMSSMT-SHA2_60/12_256").rfcOid()).hasValue(8);
    assertThat(XmssParameters.forRfcOid(4)).contains(new XmssParameters(40, 4));
    assertThat(XmssParameters.forRfcOid(9)).isEmpty();
    assertThat(XmssParameters.rfcSets()).hasSize(8);
    assertThat(XmssParameters.named("XMSSMT-SHA2_8/2_256")).isEqualTo(new XmssParameters(8, 2));
  }

  @Test
  void mapsSlotsToBottomTrees() {
    XmssParameters p = new XmssParameters(8, 2);

    assertThat(p.bottomTreeOf(15)).isZero();
    assertThat(p.bottomTreeOf(16)).isOne();
    assertThat(p.firstSlotOf(3)).isEqualTo(48);
  }

  @Test
  void refusesInvalidSetsAndUnknownNames() {
    assertThatThrownBy(() -> new XmssParameters(9, 2)).isInstanceOf(XmssParametersException.class);
    assertThatThrownBy(() -> new XmssParameters(10, 1)).isInstanceOf(XmssParametersException.class);
    assertThatThrownBy(() -> new XmssParameters(42, 2)).isInstanceOf(XmssParametersException.class);
    assertThatThrownBy(() -> new XmssParameters(64, 4)).isInstanceOf(XmssParametersException.class);
    assertThatThrownBy(() -> XmssParameters.named("XMSS-SHA2_10_256"))
        .isInstanceOf(XmssParametersException.class)
        .extracting("code")
        .isEqualTo("XMSS_PARAMETERS_UNKNOWN");
  }
}
