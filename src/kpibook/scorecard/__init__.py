"""The scorecard document model: rated figures arranged as the committees read them.

Built from figures (the engine's, or a council's own ``--results`` file), the
indicator library, a targets file, a council profile and commentary; read by
every renderer (HTML, PDF, Excel, JSON), so all of them show the same thing.
"""
