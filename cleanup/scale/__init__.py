"""Cleaning at scale: streaming large files, worker processes, JSON Lines, Dask, resume.

``streaming`` cleans a file of any size in bounded memory (chunks on block
boundaries); ``parallel`` runs files and chunks on worker processes or a
Dask cluster; ``jsonl`` cleans corpora of one document per line;
``manifest`` records what a run has finished so ``--resume`` can skip it.
"""
