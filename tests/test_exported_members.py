import assay


def test_public_api_is_pinned() -> None:
    assert assay.__all__ == [
        "AnswerVerifier",
        "AssayError",
        "Candidate",
        "CodeJob",
        "CodeVerifier",
        "Problem",
        "Registry",
        "Review",
        "ReviewDecision",
        "Sample",
        "Sandbox",
        "SandboxConfig",
        "Score",
        "Status",
        "Step",
        "StepKind",
        "StepResult",
        "StepStatus",
        "StepVerifier",
        "Store",
        "Verdict",
        "Verifiers",
        "WorkerPool",
        "Workspace",
        "__version__",
        "from_json",
        "to_json",
    ]
    for name in assay.__all__:
        assert hasattr(assay, name), name


def test_all_is_sorted() -> None:
    assert assay.__all__ == sorted(assay.__all__)
