"""leakrig's visual report: flame graphs, differential flame graphs, the
GOMAXPROCS sweep's plot and an offline index.html for a run folder.

Pipeline (each stage takes the previous one's type):
  run_folder.read_run  -> RunRecord   (the only file reading)
  view.build_view      -> PageView    (what to show: layouts, chart geometry)
  flame_svg / page /
  sweep_plot_svg       -> text        (rendering only)
  cli.main                            (writes the files, prints the index path)
"""
