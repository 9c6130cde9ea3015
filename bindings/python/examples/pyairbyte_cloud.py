# The two programs of PyAirbyte's airbyte.cloud documentation (airbyte/cloud/sync_results.py),
# one after the other, unchanged but for the import lines and the ids "123" and "456"
# (tests/test_programs.py puts real ones in and runs this against the emulator with a PostgreSQL
# destination). Also the example `python3 -m mypy --strict` checks (tests/test_typing.py).
import airbyte_cloud as ab
from airbyte_cloud import cloud

workspace = cloud.CloudWorkspace(workspace_id="123", api_key=ab.get_secret("AIRBYTE_CLOUD_API_KEY"))
connection = workspace.get_connection(connection_id="456")
sync_result = connection.run_sync()
print(sync_result.get_job_status())

sync_result = connection.get_sync_result()
print(sync_result.stream_names)
dataset = sync_result.get_dataset("users")
users_table = dataset.to_sql_table()
print(f"Table name: {users_table.name}")
for record in dataset:
    print(record)
