package dev.cachet.web.edge;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import org.junit.jupiter.api.Test;

/** The bound on requests dispatched after their bodies were read. */
class DispatchPermitsTest {

  /** The releaser reads nothing of the event. */
  private static final AsyncEvent NO_EVENT = null;

  @Test
  void refusesBeyondItsBoundAndGivesAPermitBackOnceHoweverTheRequestEnds() throws Exception {
    DispatchPermits permits = new DispatchPermits(2);
    assertThat(permits.tryAcquire()).isTrue();
    AsyncListener first = permits.releaser();
    assertThat(permits.tryAcquire()).isTrue();
    AsyncListener second = permits.releaser();
    assertThat(permits.tryAcquire()).as("the third waits for nobody: refused").isFalse();

    first.onError(NO_EVENT);
    first.onComplete(NO_EVENT); // an error, then the completion: one permit back
    assertThat(permits.available()).isEqualTo(1);
    second.onTimeout(NO_EVENT);
    assertThat(permits.available()).isEqualTo(2);
  }
}
