"""The web system: a Django project that is a thin shell around the jixiao core.

Apps: :mod:`jixiao.web.accounts` (organisations, users and roles, budget years, policy
profiles, API tokens) and :mod:`jixiao.web.declarations` (declarations, versions,
transitions, audit, review notes, the views). The JSON API lives in :mod:`jixiao.web.api`.
"""
