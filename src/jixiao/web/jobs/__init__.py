"""后台任务: bulk imports, bundles, exports and 指标库 learning with progress and cancel."""
