# Agenda on the official Airflow 3 image (Python 3.11). Build: docker compose build  (or docker build -t agenda-airflow .)
# The image carries Agenda (installed with the lock file), its DAG, the cluster policy and the model files.
ARG AIRFLOW_VERSION=3.3.2
FROM apache/airflow:${AIRFLOW_VERSION}-python3.11
ARG AIRFLOW_VERSION

ENV AGENDA_HOME=/opt/agenda \
    AGENDA_LANDING=/opt/agenda/landing \
    AGENDA_WAREHOUSE=/opt/agenda/warehouse \
    AGENDA_MODEL_DIR=/opt/agenda/models/agenda-tagger-v4 \
    AGENDA_EXTRACTOR=model

USER root
RUN mkdir -p /opt/agenda/landing /opt/agenda/warehouse /opt/agenda/models \
    && chown -R airflow:0 /opt/agenda && chmod -R g+rwX /opt/agenda
USER airflow

# Dependencies first (cached while only the code changes). Pinning apache-airflow to the image's version keeps
# pip from replacing the Airflow the image was built with.
# runtime.txt is the lock's runtime part (no test tools): a conflict with the image's providers fails the build.
COPY --chown=airflow:0 requirements/runtime.txt /opt/agenda/requirements/runtime.txt
RUN pip install --no-cache-dir "apache-airflow==${AIRFLOW_VERSION}" -r /opt/agenda/requirements/runtime.txt \
    && pip check

# Agenda itself.
COPY --chown=airflow:0 pyproject.toml README.md LICENSE /opt/agenda/
COPY --chown=airflow:0 extractors /opt/agenda/extractors
COPY --chown=airflow:0 schemas /opt/agenda/schemas
COPY --chown=airflow:0 samples /opt/agenda/samples
COPY --chown=airflow:0 models /opt/agenda/models
RUN cd /opt/agenda && pip install --no-cache-dir --no-deps . \
    && python -c "from extractors.runs.extractor import load_extractor; load_extractor('model')"

# The DAG and the cluster policy (non-backfill runs outrank backfills in the pool).
COPY --chown=airflow:0 dags /opt/airflow/dags
COPY --chown=airflow:0 docker/config/airflow_local_settings.py /opt/airflow/config/airflow_local_settings.py
COPY --chown=airflow:0 docker/init.sh /opt/agenda/docker/init.sh

WORKDIR /opt/airflow
