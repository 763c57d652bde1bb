from django.apps import AppConfig


class EvaluationConfig(AppConfig):
    name = "jixiao.web.evaluation"
    label = "evaluation"
    verbose_name = "绩效自评"
