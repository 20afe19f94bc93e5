"""Measurement, apart from the product: benchmarks, synthetic catalogues, judged sets.

Nothing under the product's layers imports this package; `navigator bench` reaches
it through the `navigator.commands` entry point.
"""
