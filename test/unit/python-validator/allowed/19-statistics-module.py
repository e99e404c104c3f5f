import statistics as st

grades = [72, 85, 91, 64, 88, 79, 95, 70, 83, 77]
print("mean", st.mean(grades), "median", st.median(grades), "mode", st.mode([1, 2, 2, 3]))
print("stdev", round(st.stdev(grades), 2), "quartiles", st.quantiles(grades, n=4))
nd = st.NormalDist.from_samples(grades)
print("P(grade < 60)", round(nd.cdf(60), 4), "z of 95", round(nd.zscore(95), 2))
slope, intercept = st.linear_regression(range(len(grades)), grades)
print(round(slope, 3), round(intercept, 3))
