"""Raters share one interface (`base.Rater`) and one registry (`build.build_rater`)."""
