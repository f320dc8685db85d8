package dev.tenantplatform.api;

/** Carries a {@link Problem} through a failed future to the route's failure handler, which sends it. */
final class ProblemException extends RuntimeException {

  private final transient Problem problem;

  ProblemException(Problem problem) {
    super(problem.detail(), null, false, false);
    this.problem = problem;
  }

  Problem problem() {
    return problem;
  }
}
