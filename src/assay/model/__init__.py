"""assay's own tiny transformer: model v1 of the embedded default, trained on a CPU in minutes.

Needs PyTorch (`pip install 'assay[model]'`; install torch==2.13.0 first on CPU-only machines).
"""
