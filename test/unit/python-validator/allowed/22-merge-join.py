import pandas as pd

students = pd.DataFrame({"id": [1, 2, 3, 4], "name": ["ana", "ben", "cy", "dee"]})
scores = pd.DataFrame({"id": [1, 1, 2, 3, 3, 3], "score": [88, 92, 75, 60, 70, 95]})
merged = students.merge(scores, on="id", how="left")
summary = merged.groupby("name", as_index=False)["score"].mean()
summary["grade"] = pd.cut(summary["score"], bins=[0, 60, 70, 80, 90, 100], labels=list("FDCBA"))
print(summary.fillna({"score": 0}))
wide = pd.concat([students.set_index("id"), scores.groupby("id").score.max()], axis=1)
print(wide.reset_index().to_dict(orient="records"))
